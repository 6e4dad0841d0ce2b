"""Rendering: results to tables for people and to CSV, JSON and XLSX for machines."""
