// A C++ source selects clang++ (libstdc++ is linked); so does gosan-c++ for
// linking C++ objects.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t | FileCheck %s
// RUN: %gosan-cc -O1 -c %s -o %t.o
// RUN: %gosan-cxx %t.o -o %t2
// RUN: %t2 | FileCheck %s
#include <iostream>
#include <string>
#include <vector>

int main() {
  std::vector<std::string> words{"hello", "gosan"};
  std::string all;
  for (const auto &w : words)
    all += w + " ";
  std::cout << all << words.size() << std::endl;
  return 0;
}
// CHECK: hello gosan 2
