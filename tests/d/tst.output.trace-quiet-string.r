100% %d %s done

