"""Reference fixtures for advmusic's Platt probabilities (nn.svm) from scikit-learn 1.2.1.

Run with Debian's interpreter (python3-sklearn 1.2.1) beside svc-*.json:
    /usr/bin/python3 make_platt_fixtures.py
Writes platt.json:
  - "sigmoid": fixed decision values and labels, and the sigmoid A, B that
    sklearn.calibration._sigmoid_calibration fits on them (Platt's method with Lin, Lin and Weng's
    targets, the problem libsvm's sigmoid_train solves);
  - "coupling": per fixture (three-class, eleven-class, binary) and (C, gamma), scikit-learn's
    SVC(probability=True, random_state=0): probA_, probB_ and predict_proba on the test points.
    libsvm's internal cross-validation draws with its own random generator, so probA/probB cannot be
    reproduced; given them, predict_proba (sigmoids, then Wu, Lin and Weng's pairwise coupling) can.
"""
import json
import numpy as np
import sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.svm import SVC

rng = np.random.default_rng(16)
sigmoid_cases = []
for n, shift, scale in [(200, 0.8, 1.0), (57, 0.3, 2.5), (400, 1.5, 0.7)]:
    labels = np.where(rng.random(n) < 0.45, 1, -1)
    decisions = np.round(labels * shift + scale * rng.normal(size=n), 6)
    a, b = _sigmoid_calibration(decisions, labels)
    sigmoid_cases.append({"decision_values": decisions.tolist(), "labels": labels.tolist(), "A": float(a), "B": float(b)})

coupling = []
for name, fits in [("three-class", [(1.0, 0.5), (100.0, 0.5)]), ("eleven-class", [(10.78, 0.1)]), ("binary", [(2.0, 0.3)])]:
    data = json.load(open(f"svc-{name}.json"))
    xtr, ytr, xte = np.array(data["x_train"]), np.array(data["y_train"]), np.array(data["x_test"])
    for c, gamma in fits:
        model = SVC(C=c, gamma=gamma, probability=True, random_state=0).fit(xtr, ytr)
        coupling.append({"fixture": name, "C": c, "gamma": gamma, "probA": model.probA_.tolist(),
                         "probB": model.probB_.tolist(), "predict_proba": model.predict_proba(xte).tolist()})

with open("platt.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "sigmoid": sigmoid_cases, "coupling": coupling}, f)
