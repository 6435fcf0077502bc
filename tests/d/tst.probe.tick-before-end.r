tick 3
end

