; PHIs at the successors of a suspend: only the incoming values on edges
; that leave the suspend's block are live across it.
;
; _Z5mergeb: %a and %z are both defined before the suspend and merged by a
; phi in its resume successor, but %z flows in from the other predecessor
; (which never suspends): %a is live, %z is not. %d reaches the destroy
; successor through a phi: live too.
;
; _Z4armsb: two suspends on the two arms of a branch, merged by a phi after
; both. Each arm's value is live only at its own suspend, so %x and %y (and
; %j, live at the final suspend) share one slot. No suspend reaches either
; arm's suspend: both are "initial".
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness \
; RUN:   | FileCheck %s --implicit-check-not=%z
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z5mergeb
; CHECK-NEXT:  {{^}}  suspend 0: %a %d{{$}}
; CHECK-LABEL: liveness _Z4armsb
; CHECK-NEXT:  {{^}}  suspend 0: %x{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: %y{{$}}
; CHECK-NEXT:  {{^}}  suspend 2 final: %j{{$}}

; Stock LLVM agrees on merge(bool): 16 + %a + %d + index = 33, to 40.
; CHECK-LABEL: coroutine merge(bool) {
; CHECK-DAG:   */ %a i64 value live: S0{{$}}
; CHECK-DAG:   */ %d i64 value live: S0{{$}}
; CHECK:       size: 40 (stock: 40, lower bound: 40, optimal)

; CHECK-LABEL: coroutine arms(bool) {
; CHECK-DAG:   /* [[OFF:[0-9]+]] 8@8 */ %x i64 value live: S0{{$}}
; CHECK-DAG:   /* [[OFF]] 8@8 */ %y i64 value live: S1{{$}}
; CHECK-DAG:   /* [[OFF]] 8@8 */ %j i64 value live: R{{$}}
; CHECK:       size: 32 (stock: 48, lower bound: 32, optimal)

; JSON-LABEL: "demangled": "arms(bool)",
; JSON:       "states": [
; JSON:         "kind": "initial",
; JSON-NEXT:    "loc": null,
; JSON-NEXT:    "name": "Suspend0"
; JSON:         "kind": "initial",
; JSON-NEXT:    "loc": null,
; JSON-NEXT:    "name": "Suspend1"
; JSON:         "kind": "final",
; JSON-NEXT:    "loc": null,
; JSON-NEXT:    "name": "Returned"

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z5mergeb(i1 %c) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5mergeb, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %a = call i64 @produce(i64 1)
  %z = call i64 @produce(i64 2)
  %d = call i64 @produce(i64 3)
  br i1 %c, label %susp, label %other
other:
  call void @consume(i64 %d)
  br label %merge
susp:
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %merge
                            i8 1, label %destroy]
merge:
  %m = phi i64 [ %a, %susp ], [ %z, %other ]
  call void @consume(i64 %m)
  br label %cleanup
destroy:
  %r = phi i64 [ %d, %susp ]
  call void @consume(i64 %r)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

define ptr @_Z4armsb(i1 %c) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4armsb, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  br i1 %c, label %left, label %right
left:
  %x = call i64 @produce(i64 1)
  %save.l = call token @llvm.coro.save(ptr null)
  %s.l = call i8 @llvm.coro.suspend(token %save.l, i1 false)
  switch i8 %s.l, label %ret [i8 0, label %join
                              i8 1, label %cleanup]
right:
  %y = call i64 @produce(i64 2)
  %save.r = call token @llvm.coro.save(ptr null)
  %s.r = call i8 @llvm.coro.suspend(token %save.r, i1 false)
  switch i8 %s.r, label %ret [i8 0, label %join
                              i8 1, label %cleanup]
join:
  %j = phi i64 [ %x, %left ], [ %y, %right ]
  %savef = call token @llvm.coro.save(ptr null)
  %sf = call i8 @llvm.coro.suspend(token %savef, i1 true)
  switch i8 %sf, label %ret [i8 0, label %unreach
                             i8 1, label %final.cleanup]
final.cleanup:
  call void @consume(i64 %j)
  br label %cleanup
unreach:
  unreachable
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
