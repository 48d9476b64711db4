"""The Divergence lab window: four 1-D experiments as tabs (``python main.py --lab``)."""
