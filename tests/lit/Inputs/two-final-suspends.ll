; Malformed: two final suspends (LLVM fatal error at the split; bad-input.test).
%Empty = type {}

define void @g(i32 %n) presplitcoroutine {
entry:
  %aw = alloca %Empty
  %z = alloca [0 x i64], align 8
  %id = call token @llvm.coro.id(i32 0, ptr null, ptr null, ptr null)
  %size = call i32 @llvm.coro.size.i32()
  %alloc = call ptr @malloc(i32 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %alloc)
  call void @use(ptr %z)
  %sv0 = call token @llvm.coro.save(ptr %hdl)
  call void @llvm.coro.await.suspend.void(ptr %aw, ptr %hdl, ptr @await_void)
  %s0 = call i8 @llvm.coro.suspend(token %sv0, i1 false)
  switch i8 %s0, label %ret [ i8 0, label %step i8 1, label %cleanup ]
step:
  call void @use(ptr %z)
  %sv1 = call token @llvm.coro.save(ptr %hdl)
  %b = call i1 @llvm.coro.await.suspend.bool(ptr %aw, ptr %hdl, ptr @await_bool)
  br i1 %b, label %susp1, label %step2
susp1:
  %s1 = call i8 @llvm.coro.suspend(token %sv1, i1 true)
  switch i8 %s1, label %ret [ i8 0, label %step2 i8 1, label %cleanup ]
step2:
  call void @use(ptr %aw)
  %sv2 = call token @llvm.coro.save(ptr %hdl)
  call void @llvm.coro.await.suspend.handle(ptr %aw, ptr %hdl, ptr @await_handle)
  %s2 = call i8 @llvm.coro.suspend(token %sv2, i1 false)
  switch i8 %s2, label %ret [ i8 0, label %fin i8 1, label %cleanup ]
fin:
  %sv3 = call token @llvm.coro.save(ptr %hdl)
  %s3 = call i8 @llvm.coro.suspend(token %sv3, i1 true)
  switch i8 %s3, label %ret [ i8 0, label %cleanup i8 1, label %cleanup ]
cleanup:
  %mem = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %mem)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 0, token none)
  ret void
}
declare void @await_void(ptr, ptr)
declare i1 @await_bool(ptr, ptr)
declare ptr @await_handle(ptr, ptr)
declare void @use(ptr)
declare ptr @llvm.coro.free(token, ptr)
declare i32 @llvm.coro.size.i32()
declare token @llvm.coro.save(ptr)
declare i8  @llvm.coro.suspend(token, i1)
declare token @llvm.coro.id(i32, ptr, ptr, ptr)
declare ptr @llvm.coro.begin(token, ptr)
declare void @llvm.coro.await.suspend.void(ptr, ptr, ptr)
declare i1 @llvm.coro.await.suspend.bool(ptr, ptr, ptr)
declare void @llvm.coro.await.suspend.handle(ptr, ptr, ptr)
declare void @llvm.coro.end(ptr, i1, token)
declare noalias ptr @malloc(i32)
declare void @free(ptr)
