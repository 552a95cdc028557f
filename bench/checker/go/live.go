//go:build ignore

// live.go - Go twin of bench/checker/live.c: N goroutines alive at once, blocked on a gate.
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

func report(name string, ops int, t0 time.Time) {
	ns := time.Since(t0).Nanoseconds()
	fmt.Printf("bench: name=%s ops=%d ns_op=%.2f\n", name, ops, float64(ns)/float64(ops))
}

func main() {
	n := arg(1, 100000)
	slots := make([]int, n)
	var started, finished sync.WaitGroup
	gate := make(chan struct{})
	t0 := time.Now()
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func(id int) {
			slots[id] = id
			started.Done()
			<-gate
			slots[id]++
			finished.Done()
		}(i)
	}
	started.Wait()
	live := runtime.NumGoroutine()
	close(gate)
	finished.Wait()
	sum := 0
	for _, v := range slots {
		sum += v
	}
	fmt.Println("checksum", sum, "live", live)
	report("live", n, t0)
}
