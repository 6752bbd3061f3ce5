"""Word, Excel and CSV tables read as grids, and grids imported as plans."""
