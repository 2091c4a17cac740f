"""Writes the PyTorch fixtures that TorchImportTest and TorchvisionResNet18Test compare advmusic with.

Run with Debian's PyTorch (python3-torch 1.13, no torchvision or safetensors packages needed):
    /usr/bin/python3 make_fixtures.py
Each model is built in PyTorch with the module names advmusic uses (GenreCnn, ResNet18 as in
torchvision, Mlp), randomly initialised with a fixed seed, its batch-norm statistics set to random
values, and its state dict written exactly as torch.save(model.state_dict()) orders it (float32
weights, int64 num_batches_tracked) to NAME.safetensors, written by hand below in the safetensors
format. NAME-expected.safetensors holds a fixed input and the logits of the same weights in float64
(eval mode), so the Java side compares on its float64 reference backend.
"""
import json
import struct
from collections import OrderedDict

import torch
import torch.nn as nn

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = OrderedDict(), [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().tobytes()  # little-endian on this machine
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------- the three architectures

class GenreCnnBlock(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.conv1, self.bn1, self.relu1 = nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()
        self.conv2, self.bn2, self.relu2 = nn.Conv2d(o, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()
        self.pool, self.dropout = nn.MaxPool2d(2), nn.Dropout(0.15)

    def forward(self, x):
        x = self.relu1(self.bn1(self.conv1(x)))
        x = self.relu2(self.bn2(self.conv2(x)))
        return self.dropout(self.pool(x))


class GenreCnn(nn.Module):
    def __init__(self, channels, widths, dense, classes):
        super().__init__()
        blocks, i = [], channels
        for w in widths:
            blocks.append(GenreCnnBlock(i, w))
            i = w
        self.features = nn.Sequential(*blocks)
        self.classifier = nn.Sequential(nn.Linear(i, dense), nn.ReLU(), nn.Dropout(0.5), nn.Linear(dense, classes))

    def forward(self, x):
        return self.classifier(self.features(x).mean(dim=(2, 3)))


class BasicBlock(nn.Module):  # torchvision.models.resnet.BasicBlock
    def __init__(self, i, o, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(i, o, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(o)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(o, o, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(o)
        self.downsample = None
        if stride != 1 or i != o:
            self.downsample = nn.Sequential(nn.Conv2d(i, o, 1, stride, bias=False), nn.BatchNorm2d(o))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18(nn.Module):  # torchvision.models.resnet18 with configurable widths and input channels
    def __init__(self, channels, widths, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, widths[0], 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        i = widths[0]
        for k, w in enumerate(widths):
            stride = 1 if k == 0 else 2
            setattr(self, "layer%d" % (k + 1), nn.Sequential(BasicBlock(i, w, stride), BasicBlock(w, w, 1)))
            i = w
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(i, classes)

    def features(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return torch.flatten(self.avgpool(x), 1)

    def forward(self, x):
        return self.fc(self.features(x))


def mlp(features, hidden, classes, batch_norm, dropout):
    parts, i = [], features
    for w in hidden:
        parts.append(nn.Linear(i, w))
        if batch_norm:
            parts.append(nn.BatchNorm1d(w))
        parts.append(nn.ReLU())
        if dropout > 0:
            parts.append(nn.Dropout(dropout))
        i = w
    parts.append(nn.Linear(i, classes))
    model = nn.Module()
    model.layers = nn.Sequential(*parts)
    model.forward = lambda x: model.layers(x)
    return model


# ---------------------------------------------------------------- fixtures

def randomise_batch_norm(model, generator):
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            m.running_mean.copy_(0.2 * torch.randn(n, generator=generator))
            m.running_var.copy_(0.5 + torch.rand(n, generator=generator))
            m.weight.data.copy_(0.8 + 0.4 * torch.rand(n, generator=generator))
            m.bias.data.copy_(0.1 * torch.randn(n, generator=generator))
            m.num_batches_tracked.fill_(7)


def fixture(name, model, input_shape, seed):
    generator = torch.Generator().manual_seed(seed)
    randomise_batch_norm(model, generator)
    model.eval()
    write_safetensors(name + ".safetensors", model.state_dict(), {"format": "pt"})
    x = torch.rand((3,) + input_shape, generator=generator, dtype=torch.float64)
    with torch.no_grad():
        logits = model.double()(x)
        expected = OrderedDict(input=x, logits=logits)
        if isinstance(model, ResNet18) and model.conv1.in_channels == 3:  # transfer: fc is replaced, compare features
            one_channel = x[:, :1]
            expected = OrderedDict(input=one_channel, features=model.features(one_channel.repeat(1, 3, 1, 1)))
    write_safetensors(name + "-expected.safetensors", expected)


torch.manual_seed(17)
fixture("genre-cnn", GenreCnn(1, [8, 16, 32, 64], 32, 10), (1, 32, 40), 1)
fixture("resnet18", ResNet18(1, [8, 16, 32, 64], 10), (1, 64, 66), 2)
fixture("mlp", mlp(57, [32, 16], 10, True, 0.2), (57,), 3)
# torchvision's ImageNet layout (3 input channels, 1000 classes) at 1/8 width, for the transfer test
fixture("resnet18-imagenet-narrow", ResNet18(3, [8, 16, 32, 64], 1000), (3, 64, 66), 4)
