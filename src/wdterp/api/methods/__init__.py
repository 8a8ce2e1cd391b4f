"""One module per vendor namespace; `wdterp.wiring` imports each, which registers its declared methods."""
