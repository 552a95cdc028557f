//go:build ignore

// matmul.go - Go twin of bench/checker/matmul.c: C = A x B for 384x384 float64, rows split over 4 goroutines per repetition.
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

const workers = 4

func main() {
	reps := arg(2, 4)
	dim := arg(1, 384) / workers * workers
	a := make([]float64, dim*dim)
	b := make([]float64, dim*dim)
	c := make([]float64, dim*dim)
	for i := range a {
		a[i] = float64(i%7) - 3.0
		b[i] = float64(i%5) * 0.5
	}
	t0 := time.Now()
	for r := 0; r < reps; r++ {
		var wg sync.WaitGroup
		wg.Add(workers)
		for id := 0; id < workers; id++ {
			go func(id int) {
				rows := dim / workers
				for i := id * rows; i < (id+1)*rows; i++ {
					ci := c[i*dim : (i+1)*dim]
					for k := 0; k < dim; k++ {
						aik := a[i*dim+k]
						bk := b[k*dim : (k+1)*dim]
						for j := range ci {
							ci[j] += aik * bk[j]
						}
					}
				}
				wg.Done()
			}(id)
		}
		wg.Wait()
	}
	sum := 0.0
	for _, v := range c {
		sum += v
	}
	fmt.Printf("checksum %.0f\n", sum)
	report("matmul", reps*dim*dim*dim, t0)
}
