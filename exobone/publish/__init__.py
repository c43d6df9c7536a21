"""What readers download: the flat table, the workbook and the zipped data package."""
