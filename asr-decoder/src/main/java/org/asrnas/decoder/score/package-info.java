/**
 * Word and character error rates with the conventions of NIST's {@code sclite} (SCTK): the same
 * alignment costs and tie-breaking ({@link org.asrnas.decoder.score.Aligner}), {@code trn} files,
 * speakers from utterance ids, the per-speaker summary table, per-utterance alignments, and Kaldi's
 * {@code %WER}/{@code %SER} lines ({@link org.asrnas.decoder.score.Scorer}); text filters for case,
 * hyphens, Switchboard fillers/noise/partial words and GLM mappings ({@link
 * org.asrnas.decoder.score.TextFilter}); NIST STM references and CTM hypotheses ({@link
 * org.asrnas.decoder.score.TimedTranscripts}) scored as Kaldi's Switchboard recipe does through
 * {@code hubscr.pl}, hypothesis words assigned to reference segments by time ({@link
 * org.asrnas.decoder.score.StmCtmScorer}).
 */
package org.asrnas.decoder.score;
