"""Reference fixtures for advmusic's C-SVC (nn.svm) from scikit-learn's SVC (libsvm).

Run with Debian's interpreter (python3-sklearn 1.2.1):
    /usr/bin/python3 make_svc_fixtures.py
Writes svc-<name>.json beside this script: training and test data (rounded to 5 decimals, so that
both sides read the same doubles) and, per (C, gamma), what SVC.fit found: support indices,
support counts, libsvm-convention dual coefficients and offsets (_dual_coef_, _intercept_ = -rho),
the public dual_coef_/intercept_, one-vs-one and one-vs-rest decision values and predictions.
"""
import json
import numpy as np
import sklearn
from sklearn.svm import SVC


def clusters(rng, classes, features, per_class, spread):
    centres = rng.normal(0.0, 1.0, size=(classes, features))
    x = np.concatenate([c + spread * rng.normal(size=(per_class, features)) for c in centres])
    y = np.repeat(np.arange(classes), per_class)
    order = rng.permutation(len(y))  # interleave classes, as real data would be
    return x[order], y[order]


def standardise(train, test):
    mean, std = train.mean(axis=0), train.std(axis=0)
    return (train - mean) / std, (test - mean) / std


def fit(xtr, ytr, xte, c, gamma):
    ovo = SVC(C=c, gamma=gamma, kernel="rbf", decision_function_shape="ovo").fit(xtr, ytr)
    ovr = SVC(C=c, gamma=gamma, kernel="rbf", decision_function_shape="ovr").fit(xtr, ytr)
    r = lambda a: np.round(a, 9).tolist()  # decision values are compared to 1e-3
    out = {
        "C": c, "gamma": gamma,
        "classes": ovo.classes_.tolist(),
        "support": ovo.support_.tolist(),
        "n_support": ovo.n_support_.tolist(),
        "libsvm_dual_coef": r(ovo._dual_coef_),
        "libsvm_intercept": r(ovo._intercept_),
        "dual_coef": r(ovo.dual_coef_),
        "intercept": r(ovo.intercept_),
        "predict": ovo.predict(xte).tolist(),
    }
    if len(ovo.classes_) > 2:
        out["decision_ovo"] = r(ovo.decision_function(xte))
        out["decision_ovr"] = r(ovr.decision_function(xte))
    else:  # scikit-learn returns one column with the sign flipped (positive: the second class)
        out["decision_ovo"] = r((-ovo.decision_function(xte)).reshape(-1, 1))
    return out


def case(name, x, y, train_count, fits):
    xtr, xte = standardise(x[:train_count], x[train_count:])
    xtr, xte = np.round(xtr, 5), np.round(xte, 5)
    ytr = y[:train_count]
    out = {"sklearn": sklearn.__version__,
           "x_train": xtr.tolist(), "y_train": ytr.tolist(), "x_test": xte.tolist(),
           "fits": [fit(xtr, ytr, xte, c, gamma) for c, gamma in fits]}
    with open(f"svc-{name}.json", "w") as f:
        json.dump(out, f)


rng = np.random.default_rng(4)
x, y = clusters(rng, 3, 4, 70, 0.9)
case("three-class", x, y, 150, [(1.0, 0.5), (100.0, 0.5)])
x, y = clusters(rng, 2, 5, 80, 1.2)
case("binary", x, y, 120, [(2.0, 0.3)])
x, y = clusters(rng, 11, 25, 50, 1.1)
case("eleven-class", x, y, 440, [(10.78, 0.1), (5.0, 1.0)])


def cross_validation_case():
    """StratifiedKFold(5) fold assignment and cross_val_score of one SVC on the three-class data."""
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    data = json.load(open("svc-three-class.json"))
    xtr, ytr = np.array(data["x_train"]), np.array(data["y_train"])
    uneven = np.array([2] * 7 + [0] * 13 + [1] * 9 + [0] * 3 + [2] * 5)[rng.permutation(37)]
    folds = np.zeros(len(uneven), dtype=int)
    for f, (_, test) in enumerate(StratifiedKFold(5).split(np.zeros(len(uneven)), uneven)):
        folds[test] = f
    out = {"uneven_labels": uneven.tolist(), "uneven_folds": folds.tolist(), "C": 1.0, "gamma": 0.5,
           "fold_accuracy": cross_val_score(SVC(C=1.0, gamma=0.5), xtr, ytr, cv=5).tolist()}
    with open("cv-three-class.json", "w") as f:
        json.dump(out, f)


cross_validation_case()
