"""Sample documents: a renderer for realistic Chinese pages and the bundled sample cases."""
