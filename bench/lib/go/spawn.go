//go:build ignore

// spawn.go - Go twin of bench/lib/spawn.c: N goroutines spawned, each calls
// wg.Done; main waits.  Prints the same "bench:" line.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func arg(i int, def int) int {
	if len(os.Args) <= i {
		return def
	}
	v, err := strconv.Atoi(os.Args[i])
	if err != nil || v <= 0 {
		fmt.Fprintf(os.Stderr, "bench: argument %d: want a positive integer, got %q\n", i, os.Args[i])
		os.Exit(2)
	}
	return v
}

func main() {
	n := arg(1, 1000000)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
	ns := time.Since(t0).Nanoseconds()
	fmt.Printf("bench: name=spawn ops=%d ns_op=%.2f procs=%d\n", n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}
