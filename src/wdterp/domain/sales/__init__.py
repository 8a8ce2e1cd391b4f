"""Sales core: raw trades, trades, sales stockouts, the order flow and its autopilot."""
