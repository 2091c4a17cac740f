"""scikit-learn's SVC.fit timed on a CSV written by org.advmusic.bench.svm.SvcFitComparison.

    /usr/bin/python3 svc_fit_sklearn.py DATA.csv C GAMMA REPEATS
Each line of DATA.csv: label, then the standardised features. Prints one line per timed fit,
"fit_seconds <s> n_support <total>", after one untimed warm-up fit.
"""
import sys
import time
import numpy as np
from sklearn.svm import SVC

data = np.loadtxt(sys.argv[1], delimiter=",")
y, x = data[:, 0].astype(int), data[:, 1:]
c, gamma, repeats = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
SVC(C=c, gamma=gamma).fit(x[:500], y[:500])  # import and allocation costs out of the timed runs
for _ in range(repeats):
    start = time.perf_counter()
    model = SVC(C=c, gamma=gamma, kernel="rbf").fit(x, y)
    print(f"fit_seconds {time.perf_counter() - start:.4f} n_support {int(model.n_support_.sum())}", flush=True)
