/** The seed models: {@link org.advmusic.nn.models.GenreCnn}, {@link org.advmusic.nn.models.ResNet18} and {@link org.advmusic.nn.models.Mlp}. */
package org.advmusic.nn.models;
