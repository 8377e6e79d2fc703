"""nnviz.core"""
