"""nnviz.sim"""
