#include "cli/app.h"

int main(int argc, char** argv) {
  return benchctl::cli::main_entry(argc, argv);
}
