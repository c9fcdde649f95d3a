/**
 * Corpus preparation: clean sentences from Debian text packages (WordNet examples, fortunes) for
 * stand-in corpora, prompts of WSJ-like length split so that test sentences never occur in
 * training, lexicons from the CMU dictionary with the noise words of CAT/EESEN, speech synthesis
 * plans for WSJ- and Switchboard-style stand-ins, and preparation of the LDC corpora into Kaldi
 * data directories.
 */
package org.asrnas.corpus;
