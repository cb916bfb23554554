#!/usr/bin/python3
"""Writes the ONNX models Cairn's tests and demo serve, with scikit-learn's own predictions.

Needs Debian's python3-sklearn and python3-onnx (skl2onnx is not packaged, so graphs are written
with onnx.helper). Deterministic: fixed seeds and splits. Run from the repository root:
    /usr/bin/python3 models/generate.py   (Debian's Python, where the packages are)
Writes models/sklearn/<name>.onnx and <name>.expected.json (rows of the held-out split, scikit-learn's
labels and probabilities), and models/test/*.onnx (small graphs that exercise each tensor type).
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_breast_cancer, load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)]


def save(model, folder, name, dataset, description, features=None):
    model.producer_name = "cairn-models-generate"
    model.producer_version = "1"
    model.model_version = 1
    model.doc_string = description
    props = {"dataset": dataset, "framework": "scikit-learn"}
    if features is not None:
        props["feature_names"] = ",".join(features)  # how Cairn maps named columns onto the input tensor
    helper.set_model_props(model, props)
    onnx.checker.check_model(model)
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    onnx.save(model, os.path.join(HERE, folder, name + ".onnx"))


def expected(name, rows, labels, probabilities, classes, features):
    with open(os.path.join(HERE, "sklearn", name + ".expected.json"), "w") as f:
        json.dump({
            "classes": [int(c) for c in classes],
            "features": [str(f) for f in features],
            "inputs": [[float(np.float32(v)) for v in row] for row in rows],
            "labels": [int(v) for v in labels],
            "probabilities": [[float(v) for v in p] for p in probabilities],
        }, f, indent=None, separators=(",", ":"))
        f.write("\n")


def tensor(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def io(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def breast_cancer_logreg():
    """Scaler + logistic regression folded into one Gemm, then Sigmoid: P(malignant=0/benign=1)."""
    data = load_breast_cancer()
    x, y = data.data, data.target
    xtr, xte, ytr, _ = train_test_split(x, y, test_size=0.2, random_state=0, stratify=y)
    scaler = StandardScaler().fit(xtr)
    clf = LogisticRegression(max_iter=5000).fit(scaler.transform(xtr), ytr)
    w = clf.coef_[0] / scaler.scale_
    b = clf.intercept_[0] - np.sum(clf.coef_[0] * scaler.mean_ / scaler.scale_)
    nodes = [
        helper.make_node("Gemm", ["input", "W", "B"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["p1"]),
        helper.make_node("Sub", ["one", "p1"], ["p0"]),
        helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, "breast_cancer_logreg",
        [io("input", TensorProto.FLOAT, ["batch", 30])],
        [io("label", TensorProto.INT64, ["batch"]), io("probabilities", TensorProto.FLOAT, ["batch", 2])],
        [tensor("W", w.reshape(30, 1)), tensor("B", [b]), tensor("one", [1.0])])
    save(helper.make_model(graph, opset_imports=OPSET), "sklearn", "breast_cancer_logreg", "breast_cancer",
         "StandardScaler + LogisticRegression on scikit-learn's breast cancer data (0 malignant, 1 benign)", data.feature_names)
    rows = xte[:40]
    expected("breast_cancer_logreg", rows, clf.predict(scaler.transform(rows)), clf.predict_proba(scaler.transform(rows)), clf.classes_, data.feature_names)


def iris_linear():
    """Multinomial logistic regression as ai.onnx.ml LinearClassifier with a softmax."""
    data = load_iris()
    x, y = data.data, data.target
    xtr, xte, ytr, _ = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
    clf = LogisticRegression(max_iter=5000).fit(xtr, ytr)
    node = helper.make_node(
        "LinearClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        coefficients=[float(v) for v in clf.coef_.reshape(-1)], intercepts=[float(v) for v in clf.intercept_],
        classlabels_ints=[int(c) for c in clf.classes_], multi_class=1, post_transform="SOFTMAX")
    graph = helper.make_graph(
        [node], "iris_linear",
        [io("input", TensorProto.FLOAT, ["batch", 4])],
        [io("label", TensorProto.INT64, ["batch"]), io("probabilities", TensorProto.FLOAT, ["batch", 3])])
    save(helper.make_model(graph, opset_imports=OPSET), "sklearn", "iris_linear", "iris",
         "LogisticRegression (multinomial) on scikit-learn's iris data as ai.onnx.ml LinearClassifier", data.feature_names)
    expected("iris_linear", xte, clf.predict(xte), clf.predict_proba(xte), clf.classes_, data.feature_names)


def digits_mlp():
    """MLPClassifier (64 -> 64 ReLU -> 10 softmax) on the 8x8 digits."""
    data = load_digits()
    x, y = data.data, data.target
    xtr, xte, ytr, _ = train_test_split(x, y, test_size=0.2, random_state=0, stratify=y)
    clf = MLPClassifier(hidden_layer_sizes=(64,), max_iter=600, random_state=0).fit(xtr, ytr)
    nodes = [
        helper.make_node("Gemm", ["input", "W0", "B0"], ["h0"]),
        helper.make_node("Relu", ["h0"], ["a0"]),
        helper.make_node("Gemm", ["a0", "W1", "B1"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, "digits_mlp",
        [io("input", TensorProto.FLOAT, ["batch", 64])],
        [io("label", TensorProto.INT64, ["batch"]), io("probabilities", TensorProto.FLOAT, ["batch", 10])],
        [tensor("W0", clf.coefs_[0]), tensor("B0", clf.intercepts_[0]), tensor("W1", clf.coefs_[1]), tensor("B1", clf.intercepts_[1])])
    save(helper.make_model(graph, opset_imports=OPSET), "sklearn", "digits_mlp", "digits",
         "MLPClassifier (one hidden layer of 64, ReLU) on scikit-learn's 8x8 digits", data.feature_names)
    expected("digits_mlp", xte[:60], clf.predict(xte[:60]), clf.predict_proba(xte[:60]), clf.classes_, data.feature_names)


def all_types():
    """One input per supported element type, each echoed (floats doubled), with a symbolic batch dimension."""
    types = [("f32", TensorProto.FLOAT), ("f64", TensorProto.DOUBLE), ("i32", TensorProto.INT32),
             ("i64", TensorProto.INT64), ("flag", TensorProto.BOOL), ("text", TensorProto.STRING)]
    nodes, outputs = [], []
    for name, elem in types:
        if elem in (TensorProto.FLOAT, TensorProto.DOUBLE):
            nodes.append(helper.make_node("Add", [name, name], [name + "_out"]))
        elif elem == TensorProto.BOOL:
            nodes.append(helper.make_node("Not", [name], [name + "_out"]))
        else:
            nodes.append(helper.make_node("Identity", [name], [name + "_out"]))
        outputs.append(io(name + "_out", elem, ["batch", 2]))
    graph = helper.make_graph(nodes, "all_types", [io(n, e, ["batch", 2]) for n, e in types], outputs)
    save(helper.make_model(graph, opset_imports=OPSET), "test", "all_types", "none", "Echoes each tensor type")


def slow_chain():
    """Two hundred 1024x1024 matrix products in a row: seconds of work, to cancel mid-run."""
    nodes = []
    previous = "a"
    for i in range(200):
        nodes.append(helper.make_node("MatMul", [previous, "w"], ["m%d" % i]))
        previous = "m%d" % i
    nodes.append(helper.make_node("Identity", [previous], ["out"]))
    graph = helper.make_graph(nodes, "slow_chain",
                              [io("a", TensorProto.FLOAT, [1024, 1024]), io("w", TensorProto.FLOAT, [1024, 1024])],
                              [io("out", TensorProto.FLOAT, [1024, 1024])])
    save(helper.make_model(graph, opset_imports=OPSET), "test", "slow_chain", "none", "A slow graph for cancellation tests")


if __name__ == "__main__":
    breast_cancer_logreg()
    iris_linear()
    digits_mlp()
    all_types()
    slow_chain()
