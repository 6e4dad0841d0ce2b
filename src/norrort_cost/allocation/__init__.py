"""Allocation: splitting a year's budget among its members, exactly to the öre.

``yearly`` allocates one budget year of a dataset; ``pools`` and ``keys`` turn budget lines and
allocation keys into weighted cost pools; ``engine`` splits pools by largest remainder in integer
units; ``results`` holds the immutable result records. Pure: no I/O, no printing.
"""
