"""evaluasi: models arrive with their capabilities."""
