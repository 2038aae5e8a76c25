"""Cyberportal: a cooperation portal on cybercrime for a regional network of governments."""
