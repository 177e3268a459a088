// vanban-normalize: prints stdin normalized as the normalize stage does it
// (NFC, traditional tone placement, look-alikes, odd spaces), line by line.
// Used to bring hand-written data (truth files, gazetteers) to the same
// convention as the pipeline's text.
#include <iostream>
#include <string>

#include "normalize/normalize.h"

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << vanban::normalize::NormalizeText(line) << '\n';
  return 0;
}
