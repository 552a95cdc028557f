//go:build ignore

// rwlocks.go - Go twin of bench/checker/rwlocks.c: 8 goroutines nesting 4 RWMutexes and 2 Mutexes in one global order.
package main

import (
	"fmt"
	"os"
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

const workers = 8
const nlocks = 4

var rw [nlocks]sync.RWMutex
var mu [2]sync.Mutex
var shared [nlocks]int
var nested int
var sink int

func main() {
	n := arg(1, 2000000)
	per := n / workers
	n = per * workers
	var wg sync.WaitGroup
	var sinkMu sync.Mutex
	t0 := time.Now()
	wg.Add(workers)
	for id := 0; id < workers; id++ {
		go func(id int) {
			acc := 0
			for k := 0; k < per; k++ {
				a := (id + k) % (nlocks - 1)
				b := a + 1
				if k%16 == 0 {
					rw[a].Lock()
					rw[b].Lock()
					shared[a]++
					shared[b]--
					rw[b].Unlock()
					rw[a].Unlock()
				} else {
					rw[a].RLock()
					rw[b].RLock()
					acc += shared[a] + shared[b]
					rw[b].RUnlock()
					rw[a].RUnlock()
				}
				if k%4 == 0 {
					mu[0].Lock()
					mu[1].Lock()
					nested++
					mu[1].Unlock()
					mu[0].Unlock()
				}
			}
			sinkMu.Lock()
			sink += 0 * acc
			sinkMu.Unlock()
			wg.Done()
		}(id)
	}
	wg.Wait()
	sum := 0
	for _, v := range shared {
		sum += v
	}
	fmt.Println("checksum", sum, nested)
	report("rwlocks", n, t0)
}
