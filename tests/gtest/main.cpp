// GoogleTest entry point: starts the interpreter once, on dist/'s zips.
#include <gtest/gtest.h>

#include "bridge/interpreter.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  static const wchar_t* const paths[] = {
      L"" ISTHMUS_DIST_DIR "/isthmus.zip",
      L"" ISTHMUS_DIST_DIR "/python311.zip",
  };
  if (!isthmus::start_interpreter({paths, 2})) {
    std::fprintf(stderr, "interpreter failed to start\n");
    return 1;
  }
  return RUN_ALL_TESTS();
}
