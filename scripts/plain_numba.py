"""Plain single-function numba training steps: the baseline ``bench_core.py`` compares to.

Why: "is the core fast?" needs a yardstick that is not the core itself.  These are what
a competent numba user writes in an afternoon: one ``@njit`` function per model doing
forward, MSE loss, backward and the update for one batch, plain loops in cache-friendly
order, temporaries allocated per call, no freeze mask, clipping or divergence guard.
They compute the same step as ``Trainer.step`` for the benchmark's configurations (the
benchmark checks that the first losses agree).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True)
def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


@njit(cache=True)
def mlp_step(theta, x, y, nh, lr):
    """One SGD step of a 2-layer MLP (tanh hidden, sigmoid output, MSE); returns the loss."""
    batch, n_in = x.shape
    n_out = y.shape[1]
    w1 = theta[: n_in * nh].reshape((n_in, nh))
    b1 = theta[n_in * nh : n_in * nh + nh]
    o = n_in * nh + nh
    w2 = theta[o : o + nh * n_out].reshape((nh, n_out))
    b2 = theta[o + nh * n_out : o + nh * n_out + n_out]
    grad = np.zeros_like(theta)
    g1 = grad[: n_in * nh].reshape((n_in, nh))
    gb1 = grad[n_in * nh : n_in * nh + nh]
    g2 = grad[o : o + nh * n_out].reshape((nh, n_out))
    gb2 = grad[o + nh * n_out : o + nh * n_out + n_out]
    h = np.empty(nh, theta.dtype)
    dh = np.empty(nh, theta.dtype)
    scale = 2.0 / (batch * n_out)
    loss = 0.0
    for s in range(batch):
        for j in range(nh):
            z = b1[j]
            for i in range(n_in):
                z += x[s, i] * w1[i, j]
            h[j] = math.tanh(z)
        dh[:] = 0.0
        for k in range(n_out):
            z = b2[k]
            for j in range(nh):
                z += h[j] * w2[j, k]
            p = _sigmoid(z)
            d = p - y[s, k]
            loss += d * d
            dz = scale * d * p * (1.0 - p)
            gb2[k] += dz
            for j in range(nh):
                g2[j, k] += h[j] * dz
                dh[j] += w2[j, k] * dz
        for j in range(nh):
            dz = dh[j] * (1.0 - h[j] * h[j])
            gb1[j] += dz
            for i in range(n_in):
                g1[i, j] += x[s, i] * dz
    for i in range(theta.size):
        theta[i] -= lr * grad[i]
    return loss / (batch * n_out)


@njit(cache=True)
def lstm_step(theta, m, v, step, x, y, nh, lr):
    """One Adam step of a 1-layer LSTM (gates i, f, g, o) with a linear head at every
    time step and MSE, full BPTT; returns the loss.  ``step`` is a 1-element counter."""
    batch, steps, n_in = x.shape
    n_out = y.shape[2]
    g4 = 4 * nh
    o_wh = n_in * g4
    o_b = o_wh + nh * g4
    o_w = o_b + g4
    o_c = o_w + nh * n_out
    wx = theta[:o_wh].reshape((n_in, g4))
    wh = theta[o_wh:o_b].reshape((nh, g4))
    b = theta[o_b:o_w]
    wo = theta[o_w:o_c].reshape((nh, n_out))
    bo = theta[o_c : o_c + n_out]
    grad = np.zeros_like(theta)
    gwx = grad[:o_wh].reshape((n_in, g4))
    gwh = grad[o_wh:o_b].reshape((nh, g4))
    gb = grad[o_b:o_w]
    gwo = grad[o_w:o_c].reshape((nh, n_out))
    gbo = grad[o_c : o_c + n_out]
    dt = theta.dtype
    act = np.empty((steps, batch, g4), dt)
    c = np.zeros((steps + 1, batch, nh), dt)
    h = np.zeros((steps + 1, batch, nh), dt)
    tc = np.empty((steps, batch, nh), dt)
    dout = np.empty((steps, batch, n_out), dt)
    scale = 2.0 / (batch * steps * n_out)
    loss = 0.0
    z = np.empty(g4, dt)
    for t in range(steps):
        for s in range(batch):
            z[:] = b
            for i in range(n_in):
                xi = x[s, t, i]
                for k in range(g4):
                    z[k] += xi * wx[i, k]
            for j in range(nh):
                hj = h[t, s, j]
                for k in range(g4):
                    z[k] += hj * wh[j, k]
            a = act[t, s]
            for j in range(nh):
                a[j] = _sigmoid(z[j])
                a[nh + j] = _sigmoid(z[nh + j])
                a[2 * nh + j] = math.tanh(z[2 * nh + j])
                a[3 * nh + j] = _sigmoid(z[3 * nh + j])
                c[t + 1, s, j] = a[nh + j] * c[t, s, j] + a[j] * a[2 * nh + j]
                tc[t, s, j] = math.tanh(c[t + 1, s, j])
                h[t + 1, s, j] = a[3 * nh + j] * tc[t, s, j]
            for k in range(n_out):
                out = bo[k]
                for j in range(nh):
                    out += h[t + 1, s, j] * wo[j, k]
                d = out - y[s, t, k]
                loss += d * d
                dout[t, s, k] = scale * d
    dh_next = np.zeros((batch, nh), dt)
    dc_next = np.zeros((batch, nh), dt)
    dh = np.empty(nh, dt)
    dz = np.empty(g4, dt)
    for t in range(steps - 1, -1, -1):
        for s in range(batch):
            for j in range(nh):
                dh[j] = dh_next[s, j]
            for k in range(n_out):
                d = dout[t, s, k]
                gbo[k] += d
                for j in range(nh):
                    gwo[j, k] += h[t + 1, s, j] * d
                    dh[j] += wo[j, k] * d
            a = act[t, s]
            for j in range(nh):
                i_, f_, g_, o_ = a[j], a[nh + j], a[2 * nh + j], a[3 * nh + j]
                dc = dc_next[s, j] + dh[j] * o_ * (1.0 - tc[t, s, j] ** 2)
                dz[j] = dc * g_ * i_ * (1.0 - i_)
                dz[nh + j] = dc * c[t, s, j] * f_ * (1.0 - f_)
                dz[2 * nh + j] = dc * i_ * (1.0 - g_ * g_)
                dz[3 * nh + j] = dh[j] * tc[t, s, j] * o_ * (1.0 - o_)
                dc_next[s, j] = dc * f_
            for k in range(g4):
                gb[k] += dz[k]
            for i in range(n_in):
                xi = x[s, t, i]
                for k in range(g4):
                    gwx[i, k] += xi * dz[k]
            for j in range(nh):
                hj = h[t, s, j]
                acc = 0.0
                for k in range(g4):
                    gwh[j, k] += hj * dz[k]
                    acc += wh[j, k] * dz[k]
                dh_next[s, j] = acc
    step[0] += 1
    bc1 = 1.0 - 0.9 ** step[0]
    bc2 = 1.0 - 0.999 ** step[0]
    for i in range(theta.size):
        g = grad[i]
        m[i] = 0.9 * m[i] + 0.1 * g
        v[i] = 0.999 * v[i] + 0.001 * g * g
        theta[i] -= lr * (m[i] / bc1) / (math.sqrt(v[i] / bc2) + 1e-8)
    return loss / (batch * steps * n_out)
