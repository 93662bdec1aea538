"""The nynorsk (nn.py) and English (en.py) catalogues; the bokmål one, the source of every key, is in messages.py."""
