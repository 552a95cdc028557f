//go:build ignore

// blocked.go - Go twin of bench/lib/blocked.c: N goroutines blocked at once
// on one channel, then released by closing it.
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
	var started, finished sync.WaitGroup
	gate := make(chan struct{})
	t0 := time.Now()
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-gate
			finished.Done()
		}()
	}
	started.Wait()
	t1 := time.Now()
	live := runtime.NumGoroutine()
	close(gate)
	finished.Wait()
	t2 := time.Now()
	fmt.Printf("bench: name=blocked ops=%d ns_op=%.2f release_ns_op=%.2f live=%d procs=%d\n", n,
		float64(t1.Sub(t0).Nanoseconds())/float64(n), float64(t2.Sub(t1).Nanoseconds())/float64(n), live, runtime.GOMAXPROCS(0))
}
