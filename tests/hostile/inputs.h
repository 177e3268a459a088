// Hostile inputs made at test time: PDFs with a text layer (Helvetica,
// WinAnsi; Vietnamese without marks reads as Vietnamese to vanban) and PNGs
// of any size, small on disk.
//
// Pure functions returning the file's bytes; thread-safe.
#ifndef VANBAN_TESTS_HOSTILE_INPUTS_H_
#define VANBAN_TESTS_HOSTILE_INPUTS_H_

#include <string>
#include <vector>

namespace vanban::testing {

// A PDF 1.4 file with one page per element, each page holding the given
// lines of text; a correct cross-reference table.
std::string MakePdf(const std::vector<std::vector<std::string>>& pages);

// A plan written without marks (the way OCR with a non-Vietnamese model
// returns it), split into lines; `number` makes each copy's bytes distinct.
std::vector<std::string> PlanLines(int number);

// A 1-bit grayscale PNG, all white, or with a black box in the middle when
// `box` is set; deflated, so 20,000 x 20,000 pixels stay a few dozen KiB.
std::string MakePng(int width, int height, bool box = false);

// A PDF whose cross-reference offsets all point to the wrong place.
std::string CorruptXref(const std::string& pdf);

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_HOSTILE_INPUTS_H_
