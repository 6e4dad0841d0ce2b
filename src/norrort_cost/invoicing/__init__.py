"""Invoicing: the invoices of a year before rendering (``invoices``) and Swedish payment
references, OCR and bankgiro (``payments``). Pure: rendering writes the files.
"""
