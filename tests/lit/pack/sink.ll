; Where pack mode puts reloads and recomputations: down at their uses, not
; right after the suspend, so that nothing has to survive the calls in
; between and nothing is loaded on paths that do not need it.
; - %i is reloaded in %latch, right before its use;
; - %y (recomputed from %x, as stock LLVM rematerializes it) is needed only
;   on the loop's back edge: its reload and recomputation go on a new block
;   for that edge, after the exit test, so the loop exit loads nothing;
; - %z is used only inside %inner, a loop the suspend is not in, through an
;   LCSSA phi in %out, %latch's exit: its reload goes at the end of %latch
;   (a phi operand must be there), not into %out and never into the loop.
; - %a, %b, %c (sharing bytes with %i and %x) are each reloaded at their use;
; - %dead, a block nothing reaches, is gone before the rewrite: LLVM's
;   CoroSplitPass removes unreachable blocks before anything else, and
;   coropack does the same before it models the coroutine.
;
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -S -o - | FileCheck %s
; LLVM's own split takes the result.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='function(coro-pack),cgscc(coro-split),verify' %s -S -o /dev/null
; And so does coropack's lowering.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='cgscc(coropack-lower),verify' %s -S -o - | FileCheck %s --check-prefix=LOWER

; CHECK-LABEL: first:
; CHECK-NEXT:  %a.slot{{[0-9]+}} = getelementptr
; CHECK-NEXT:  [[A:%a.reload[0-9]+]] = load i64
; CHECK-NEXT:  call void @consume(i64 [[A]])
; CHECK-NEXT:  %b.slot{{[0-9]+}} = getelementptr
; CHECK-NEXT:  [[B:%b.reload[0-9]+]] = load i64
; CHECK-NEXT:  call void @consume(i64 [[B]])
; CHECK-LABEL: loop:
; CHECK-NEXT:  %i = phi i64 [ 0, %first ], [ %i.next, %[[EDGE:latch.loop_crit_edge]] ]
; CHECK-NEXT:  %x = phi i64 [ %seed.reload{{[0-9]+}}, %first ], [ [[Y:%y.remat[0-9]+]], %[[EDGE]] ]
; CHECK-LABEL: latch:
; CHECK-NEXT:  %i.slot{{[0-9]+}} = getelementptr
; CHECK-NEXT:  [[I:%i.reload[0-9]+]] = load i64
; CHECK-NEXT:  %i.next = add i64 [[I]], 1
; CHECK:       %done = icmp eq i64 %i.next, %n.reload{{[0-9]+}}
; CHECK-NEXT:  %z.slot{{[0-9]+}} = getelementptr
; CHECK-NEXT:  [[Z:%z.reload[0-9]+]] = load i64
; CHECK-NEXT:  br i1 %done, label %out, label %[[EDGE]]
; CHECK:       [[EDGE]]:
; CHECK-NEXT:  %x.slot{{[0-9]+}} = getelementptr
; CHECK-NEXT:  [[X:%x.reload[0-9]+]] = load i64
; CHECK-NEXT:  [[Y]] = mul i64 [[X]], 31
; CHECK-NEXT:  br label %loop
; CHECK-LABEL: out:
; CHECK-NEXT:  %z.lcssa = phi i64 [ [[Z]], %latch ]

; A block nothing reaches is removed first.
; CHECK-NOT:   dead:
; CHECK-LABEL: declare void @consume(

; In the resume function, the back edge's block survives: the load and the
; multiply come after the exit test.
; LOWER-LABEL: define internal fastcc void @_Z4sinkll.resume(
; LOWER:       %done = icmp eq i64 %i.next,
; LOWER:       br i1 %done, label %{{.*}}, label %[[BACK:[^ ,]+]]
; LOWER:       [[BACK]]:
; LOWER-NEXT:  %x.slot{{[0-9]+}} = getelementptr
; LOWER-NEXT:  %x.reload{{[0-9]+}} = load i64
; LOWER-NEXT:  %y.remat{{[0-9]+}} = mul i64

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z4sinkll(i64 %seed, i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4sinkll, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %z = call i64 @produce(i64 0)
  %a = call i64 @produce(i64 1)
  %b = call i64 @produce(i64 2)
  %c = call i64 @produce(i64 3)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %first
                             i8 1, label %cleanup]
first:
  call void @consume(i64 %a)
  call void @consume(i64 %b)
  call void @consume(i64 %c)
  br label %loop
loop:
  %i = phi i64 [ 0, %first ], [ %i.next, %latch ]
  %x = phi i64 [ %seed, %first ], [ %y, %latch ]
  %y = mul i64 %x, 31
  call void @consume(i64 %x)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %latch
                            i8 1, label %cleanup]
latch:
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %out, label %loop
out:
  %z.lcssa = phi i64 [ %z, %latch ]
  br label %inner
inner:
  %k = phi i64 [ 0, %out ], [ %k.next, %inner ]
  call void @consume(i64 %z.lcssa)
  %k.next = add i64 %k, 1
  %again = icmp ult i64 %k.next, 4
  br i1 %again, label %inner, label %cleanup
dead:
  call void @consume(i64 %z)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
declare token @llvm.coro.id(i32, ptr readnone, ptr readonly captures(none), ptr)
declare i64 @llvm.coro.size.i64()
declare ptr @llvm.coro.begin(token, ptr writeonly)
declare token @llvm.coro.save(ptr)
declare i8 @llvm.coro.suspend(token, i1)
declare ptr @llvm.coro.free(token, ptr readonly captures(none))
