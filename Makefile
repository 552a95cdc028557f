# Convenience entry points; the real build is CMake (build tree: build/).
#   make demo              install missing Debian packages (as root), build, run the demo
#   make check             build, then run the whole lit suite
#   make check LLVM=19     the same against LLVM 19 (build tree build-llvm19/)
#   make check DEBUG=1     the same with both runtimes at -O1 -g and their
#                          DCHECKs on (CMake build type Debug; build tree
#                          build-debug/, build-llvm19-debug/ for LLVM=19)
#   make stress [N=20]     build, then run the schedule-dependent tests N times; any miss fails
LLVM ?= 14
DEBUG ?=
BUILD_TYPE ?= $(if $(filter 1,$(DEBUG)),Debug,RelWithDebInfo)
BUILD ?= $(if $(filter 14,$(LLVM)),build,build-llvm$(LLVM))$(if $(filter Debug,$(BUILD_TYPE)),-debug)
JOBS ?= $(shell nproc)

.PHONY: all deps configure build demo check stress bench clean
all: build

deps:
	@bash tools/install-deps.sh $(LLVM)

configure: deps
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja \
	    -DGOSAN_LLVM_VERSION=$(LLVM) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	    -DCMAKE_C_COMPILER=/usr/lib/llvm-$(LLVM)/bin/clang \
	    -DCMAKE_CXX_COMPILER=/usr/lib/llvm-$(LLVM)/bin/clang++

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	bash examples/run-demo.sh $(BUILD)

check: build
	cmake --build $(BUILD) --target check

N ?= 20
STRESS_TESTS ?=
stress: build
	bash tools/stress.sh $(BUILD) $(N) $(STRESS_TESTS)

bench: build
	bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
