/**
 * Audio input as Kaldi reads it: {@link org.asrnas.frontend.audio.AudioReader} is the single entry
 * point (files, {@code wav.scp} entries including {@code sph2pipe}/{@code sox} pipes read natively,
 * utterances cut by {@code segments}); WAV, NIST SPHERE (PCM, mu-law, a-law, shorten) and raw PCM
 * decode to {@link org.asrnas.frontend.audio.Audio}, float samples in 16-bit integer scale.
 */
package org.asrnas.frontend.audio;
