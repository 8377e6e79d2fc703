"""nnviz.app"""
