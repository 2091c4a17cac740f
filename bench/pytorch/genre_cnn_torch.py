"""PyTorch twin of `advmusic bench`: the same GenreCnn, batch and measurements, for a same-machine comparison.

Run on the machine you benchmark advmusic on (any PyTorch >= 1.13, CPU build is enough):

    python bench/pytorch/genre_cnn_torch.py --threads 2 --batch 64 --repeats 3

It prints forward, training-step (Adam) and PGD-10 samples per second, timed as `advmusic bench` times
them: a warm-up of at least one run and one second, then the median of the timed repetitions. PGD-10 is
torchattacks' recipe (random start, 10 steps of 2.5 eps / 10, input gradient only, model in eval mode)
plus one verifying forward pass, which is what advmusic's Pgd does.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Dropout(0.15))


class GenreCnn(nn.Module):
    def __init__(self, classes=10, width=1.0):
        super().__init__()
        w = [round(c * width) for c in (32, 64, 128, 256)]
        self.features = nn.Sequential(block(1, w[0]), block(w[0], w[1]), block(w[1], w[2]), block(w[2], w[3]))
        self.classifier = nn.Sequential(nn.Linear(w[3], 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, classes))

    def forward(self, x):
        return self.classifier(self.features(x).mean(dim=(2, 3)))


def timed(fn, repeats):
    warm_up_end = time.perf_counter() + 1.0  # at least one run and one second, at most 20 runs
    runs = 0
    while runs < 1 or (time.perf_counter() < warm_up_end and runs < 20):
        fn()
        runs += 1
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def pgd(model, x, y, eps, steps):
    alpha = 2.5 * eps / steps
    adv = (x + torch.empty_like(x).uniform_(-eps, eps)).clamp(0, 1)
    for _ in range(steps):
        adv.requires_grad_(True)
        loss = F.cross_entropy(model(adv), y)
        grad, = torch.autograd.grad(loss, adv)
        adv = adv.detach() + alpha * grad.sign()
        adv = (x + (adv - x).clamp(-eps, eps)).clamp(0, 1)
    with torch.no_grad():
        model(adv).argmax(1)
    return adv


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = GenreCnn(width=args.width)
    parameters = sum(p.numel() for p in model.parameters())
    x = torch.rand(args.batch, 1, 128, 130)
    y = torch.arange(args.batch) % 10
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    model.eval()

    def forward():
        with torch.no_grad():
            model(x)

    fwd = timed(forward, args.repeats)
    model.train()

    def step():
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    train = timed(step, args.repeats)
    model.eval()
    attack = timed(lambda: pgd(model, x, y, 0.01, 10), args.repeats)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), GenreCnn width {args.width} "
          f"({parameters} parameters), batch {args.batch}, 1x128x130: forward {args.batch / fwd:.1f} samples/s, "
          f"train step {args.batch / train:.1f} samples/s, PGD-10 {args.batch / attack:.2f} samples/s")


if __name__ == "__main__":
    main()
