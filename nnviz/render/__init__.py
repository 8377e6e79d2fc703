"""nnviz.render"""
