// C++ new and delete (scalar, array, sized, aligned) reach the checker's
// malloc and free: a block deleted by one goroutine and handed out again
// by new to another starts with no history, whatever its size (see
// heap_reuse.c).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -std=c++17 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <cstdio>
#include <new>

template <unsigned N> struct Obj {
    unsigned char b[N];
};
template <unsigned N> struct alignas(64) Wide {
    unsigned char b[N];
};

struct Msg {
    int kind;
    void *p;
};

static go_chan *msgs, *done;
static unsigned sum, reused;

template <unsigned N> static void use(void *p) {
    for (unsigned i = 0; i < N; i++)
        sum += static_cast<volatile unsigned char *>(p)[i];
}

static void consumer(void *) {
    for (;;) {
        Msg m;
        go_chan_recv(msgs, &m);
        switch (m.kind) {
        case 0: use<12>(m.p); delete static_cast<Obj<12> *>(m.p); break;
        case 1: use<40>(m.p); delete[] static_cast<Obj<40> *>(m.p); break;
        case 2: use<100>(m.p); ::operator delete(m.p); break;
        case 3: use<24>(m.p); delete static_cast<Wide<24> *>(m.p); break;
        default: go_chan_send(done, nullptr); return;
        }
    }
}

template <typename T> static void *fill(T *p, unsigned n, int r) {
    for (unsigned i = 0; i < n; i++)
        reinterpret_cast<unsigned char *>(p)[i] = static_cast<unsigned char>(r);
    return p;
}

int main() {
    msgs = go_chan_make(sizeof(Msg), 0);
    done = go_chan_make(0, 0);
    go_spawn(consumer, nullptr);
    for (int kind = 0; kind < 4; kind++) {
        void *last = nullptr;
        for (int r = 0; r < 20; r++) {
            Msg m{kind, nullptr};
            switch (kind) {
            case 0: m.p = fill(new Obj<12>, 12, r); break;
            case 1: m.p = fill(new Obj<40>[1], 40, r); break;
            case 2: m.p = fill(static_cast<unsigned char *>(::operator new(100)), 100, r); break;
            default: m.p = fill(new Wide<24>, 24, r); break;
            }
            reused += m.p == last;
            last = m.p;
            go_chan_send(msgs, &m);
        }
    }
    Msg end{-1, nullptr};
    go_chan_send(msgs, &end);
    go_chan_recv(done, nullptr);
    std::printf("sum=%u\n", sum);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: sum=
