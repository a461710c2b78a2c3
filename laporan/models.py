"""laporan: models arrive with their capabilities."""
