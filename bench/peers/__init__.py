"""The servers bench/compare.py measures side by side: Keycard and its peers."""
