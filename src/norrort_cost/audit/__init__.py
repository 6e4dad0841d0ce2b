"""Audit: explain one member's figure step by step (``explain``), read and judge a claimed
figure (``claims``, ``reconcile``), and compare years or scenarios (``changes``). Pure.
"""
