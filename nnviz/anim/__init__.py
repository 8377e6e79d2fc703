"""nnviz.anim"""
