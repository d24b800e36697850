"""Clients for the outside systems the evaluation app talks to (Plausible). No other module does HTTP."""
