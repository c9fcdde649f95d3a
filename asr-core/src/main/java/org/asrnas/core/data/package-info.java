/**
 * Kaldi data directories ({@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt}, {@code
 * segments}, {@code reco2file_and_channel}): reading, writing, and validation with the rules of
 * Kaldi's {@code utils/validate_data_dir.sh}. Ids are ordered as Kaldi orders them ({@code LC_ALL=C
 * sort}, byte order), see {@link org.asrnas.core.data.KaldiOrder}.
 */
package org.asrnas.core.data;
