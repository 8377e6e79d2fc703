"""The explorer: the network overview and the LSTM cell over one training session, joined
by one camera move."""

from nnviz.scenes.explore.scene import ExploreScene

__all__ = ["ExploreScene"]
