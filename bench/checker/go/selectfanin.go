//go:build ignore

// selectfanin.go - Go twin of bench/checker/selectfanin.c: 4 producers, one channel each (capacity 64), main selects over the 4.
package main

import (
	"fmt"
	"os"
	"strconv"
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

const producers = 4

type item struct{ producer, seq int }

func main() {
	n := arg(1, 2000000)
	per := n / producers
	n = per * producers
	var chans [producers]chan *item
	for i := range chans {
		chans[i] = make(chan *item, 64)
	}
	t0 := time.Now()
	for p := 0; p < producers; p++ {
		go func(id int) {
			for i := 0; i < per; i++ {
				chans[id] <- &item{producer: id, seq: i}
			}
		}(p)
	}
	sum := 0
	var count [producers]int
	for i := 0; i < n; i++ {
		var it *item
		select {
		case it = <-chans[0]:
		case it = <-chans[1]:
		case it = <-chans[2]:
		case it = <-chans[3]:
		}
		sum += it.seq
		count[it.producer]++
	}
	for i, c := range count {
		if c != per {
			fmt.Fprintf(os.Stderr, "selectfanin: producer %d gave %d\n", i, c)
			os.Exit(1)
		}
	}
	fmt.Println("checksum", sum)
	report("selectfanin", n, t0)
}
