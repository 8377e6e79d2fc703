"""nnviz.ui"""
