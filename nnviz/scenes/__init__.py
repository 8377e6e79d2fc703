"""nnviz.scenes"""
