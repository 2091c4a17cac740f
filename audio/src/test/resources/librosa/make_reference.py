"""Writes the librosa reference values that LibrosaReferenceTest compares the Java front end with.

Run with librosa 0.11.0 (numpy 2.x): python make_reference.py
The test signal is defined in closed form (plus a 64-bit LCG for noise) so that Java rebuilds it
sample for sample; see LibrosaReferenceTest.signal and tones44k.
"""
import json

import librosa
import numpy as np

SR = 22050
N = 66150  # 3 s: one model-input segment


def lcg_noise(n):
    state, out = 12345, np.empty(n)
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out[i] = (state >> 11) / 2.0 ** 53 * 2 - 1
    return out


def signal():
    t = np.arange(N) / SR
    x = 0.3 * np.sin(2 * np.pi * (200 * t + (4000 - 200) / (2 * 3.0) * t * t))  # chirp 200 -> 4000 Hz
    x += 0.2 * np.sin(2 * np.pi * 440 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 2 * t))
    x += 0.05 * lcg_noise(N)
    for start in range(0, N, 11025):  # a click every 0.5 s: 120 BPM
        k = np.arange(min(1000, N - start))
        x[start:start + len(k)] += 0.4 * np.exp(-k / 200.0) * np.sin(2 * np.pi * 1000 * k / SR)
    return x.astype(np.float32)


def tones44k():
    t = np.arange(3 * 44100) / 44100
    x = 0.3 * np.sin(2 * np.pi * 1234.5 * t) + 0.2 * np.sin(2 * np.pi * 9000 * t) + 0.1 * np.sin(2 * np.pi * 15000 * t)
    return x.astype(np.float32)


def main():
    y = signal()
    mel = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=2048, hop_length=512, n_mels=128)
    unit = np.clip((librosa.power_to_db(mel, ref=np.max, amin=1e-10, top_db=80) + 80) / 80, 0, 1)
    unit.astype('<f4').tofile('logmel_unit.f32')  # (128, 130) model input

    features = {}
    def mean_var(name, v):
        features[name + '_mean'] = float(np.mean(v))
        features[name + '_var'] = float(np.var(v))
    mean_var('chroma_stft', librosa.feature.chroma_stft(y=y, sr=SR, tuning=0.0))
    mean_var('rms', librosa.feature.rms(y=y))
    mean_var('spectral_centroid', librosa.feature.spectral_centroid(y=y, sr=SR))
    mean_var('spectral_bandwidth', librosa.feature.spectral_bandwidth(y=y, sr=SR))
    mean_var('rolloff', librosa.feature.spectral_rolloff(y=y, sr=SR))
    mean_var('zero_crossing_rate', librosa.feature.zero_crossing_rate(y=y))
    features['tempo'] = float(np.atleast_1d(librosa.feature.tempo(y=y, sr=SR))[0])
    mfcc = librosa.feature.mfcc(y=y, sr=SR)
    for k in range(20):
        mean_var('mfcc%d' % (k + 1), mfcc[k])

    resampled = librosa.resample(tones44k(), orig_sr=44100, target_sr=SR, res_type='soxr_vhq')
    with open('reference.json', 'w') as f:
        json.dump({'librosa': librosa.__version__, 'numpy': np.__version__, 'features': features,
                   'resampled_length': len(resampled),
                   'resampled_10000_to_10400': [float(v) for v in resampled[10000:10400]]}, f, indent=1)


if __name__ == '__main__':
    main()
